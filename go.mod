module github.com/wiodlab/wiodlab

go 1.26

require (
	github.com/hack-pad/go-indexeddb v0.3.2
	github.com/norunners/vert v0.0.0-20221203075838-106a353d42dd
	gonum.org/v1/gonum v0.17.0
)

require github.com/hack-pad/safejs v0.1.0 // indirect

ignore ./wasm/e2e/node_modules
