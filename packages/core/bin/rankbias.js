#!/usr/bin/env node
// The `rankbias` command: runs the compiled CLI (build with `npx tsc -b packages/core/tsconfig.lib.json`).
import '../dist/cli/main.js';
