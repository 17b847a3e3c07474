package main

import (
	"fmt"
	"io"

	"github.com/wiodlab/wiodlab/core"
)

func init() {
	register("version", "print the wiodlab version", func(args []string, stdout, stderr io.Writer) error {
		_, err := fmt.Fprintln(stdout, core.Version)
		return err
	})
}
