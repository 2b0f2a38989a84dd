/** The ESLint plugin object: `import closewait from 'eslint-plugin-closewait'`. */
import type { TSESLint } from '@typescript-eslint/utils';
import { rules } from '../rules/index.js';
import { createConfigs } from './eslint/configs.js';
import { packageMeta } from './package-meta.js';

const plugin = {
  meta: { name: packageMeta.name, version: packageMeta.version },
  rules,
  configs: {} as ReturnType<typeof createConfigs>,
};
plugin.configs = createConfigs(plugin as unknown as TSESLint.FlatConfig.Plugin);

export default plugin;
export { rules };
export const configs = plugin.configs;
