/** Throughput benchmark (docs/benchmarks/generator.md). */
package engram.generator.bench;
