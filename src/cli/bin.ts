#!/usr/bin/env node
/** The `closewait` executable: run the command on this process's arguments and streams. */
import module from 'node:module';

// Node ≥ 22.1 can keep the code it compiles for the modules a run loads (TypeScript's 9 MB of
// JavaScript most of all) on disk, and the next run skips compiling them; `tsc` turns it on the
// same way. It covers only modules loaded after the call, so the CLI itself is imported below.
// Node 20 has no such cache (then this does nothing), and NODE_DISABLE_COMPILE_CACHE=1 turns it off.
const { enableCompileCache } = module as { enableCompileCache?: () => unknown };
enableCompileCache?.();

const { main } = await import('./main.js');

// `closewait | head` closes stdout early: stop quietly instead of crashing on EPIPE.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = main(process.argv.slice(2));
