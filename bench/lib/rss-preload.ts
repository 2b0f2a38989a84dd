/**
 * Preloaded with `node --import` when GNU time is missing: writes this process's peak resident set
 * size (kilobytes) and CPU time (microseconds) to the file named by CLOSEWAIT_BENCH_RSS_FILE when the process exits.
 */
import { writeFileSync } from 'node:fs';

const file = process.env.CLOSEWAIT_BENCH_RSS_FILE;
if (file !== undefined) {
  process.on('exit', () => {
    const { maxRSS, userCPUTime, systemCPUTime } = process.resourceUsage();
    writeFileSync(file, JSON.stringify({ maxRSS, userCPUTime, systemCPUTime }));
  });
}
