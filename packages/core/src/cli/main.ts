import 'reflect-metadata';
import { runCli } from './program.js';

// Entry point of the `rankbias` binary (bin/rankbias.js imports the built copy of this file).
process.exitCode = await runCli(process.argv.slice(2));
