// Command kizuki makes a small company's cyber risk visible: with no
// arguments it is the tray app showing a traffic light; with a sub-command
// it is a headless tool over the same core (see docs/cli.md).
package main

import "os"

func main() {
	attachParentConsole(os.Args[1:])
	os.Exit(run(os.Args[1:], newEnv()))
}
