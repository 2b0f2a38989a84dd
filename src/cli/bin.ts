#!/usr/bin/env node
/** The `closewait` executable: run the command on this process's arguments and streams. */
import { main } from './main.js';

// `closewait | head` closes stdout early: stop quietly instead of crashing on EPIPE.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = main(process.argv.slice(2));
