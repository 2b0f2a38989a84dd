/** The package's name and version, read once from package.json (shared by the plugin meta and the CLI). */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const pkg = findPackageJson();

function findPackageJson(): { name: string; version: string } {
  // Source runs from src/, the build from dist/src/: try both depths.
  for (const candidate of ['../package.json', '../../package.json']) {
    try {
      const json = require(candidate) as { name?: string; version?: string };
      if (json.name === 'eslint-plugin-closewait' && json.version) return { name: json.name, version: json.version };
    } catch {
      // not at this depth
    }
  }
  return { name: 'eslint-plugin-closewait', version: '0.0.0' };
}

export const packageMeta = pkg;
