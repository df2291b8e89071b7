#!/usr/bin/env node
// The `oomcheck` executable: the CLI runs in a worker so SIGINT can stop a search (interruptible.ts);
// everything else lives in run.ts so tests can call it.
import { runInterruptible } from './interruptible.js';

runInterruptible(process.argv.slice(2));
