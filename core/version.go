package core

// Version is the wiodlab version, shown by the CLI and the page.
const Version = "0.1.0-dev"
