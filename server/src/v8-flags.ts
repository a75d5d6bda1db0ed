import { setFlagsFromString } from 'node:v8';

/**
 * V8 pretenures an allocation site (allocates its objects straight in the old
 * generation) once enough of them survive a young-generation collection.
 * Under steady load the objects of in-flight requests do survive one, and V8
 * flipped pg's row objects (one site for every query's rows) between
 * pretenured and not every few collections: rows were born in the old
 * generation and died there, paid for by frequent full collections, and a
 * history page cost the server about 1.5 times the CPU (BENCHMARKS.md).
 * Next to nothing a request allocates outlives it, so the server runs
 * without the heuristic. Imported first by main.ts, before any load.
 */
setFlagsFromString('--no-allocation-site-pretenuring');
