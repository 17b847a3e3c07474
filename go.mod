module github.com/wiodlab/wiodlab

go 1.26

require (
	github.com/hack-pad/go-indexeddb v0.3.2 // indirect
	github.com/hack-pad/safejs v0.1.0 // indirect
	github.com/norunners/vert v0.0.0-20221203075838-106a353d42dd // indirect
	github.com/thedatashed/xlsxreader v1.2.8 // indirect
	gonum.org/v1/gonum v0.17.0 // indirect
)

ignore ./wasm/e2e/node_modules
