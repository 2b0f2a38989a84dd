/**
 * The project's vitest config plus the recorder of bench/findings/record-setup.ts: used by
 * `bench/findings/run.ts` to collect every finding the test suite produces.
 */
import { defineConfig, mergeConfig } from 'vitest/config';
import base from '../../vitest.config.js';

export default mergeConfig(base, defineConfig({ test: { setupFiles: ['bench/findings/record-setup.ts'] } }));
