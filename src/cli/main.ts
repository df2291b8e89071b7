#!/usr/bin/env node
// The `oomcheck` executable: everything else lives in run.ts so tests can call it.
import { runCli } from './index.js';

process.exitCode = runCli(process.argv.slice(2));
