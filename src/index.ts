/** The ESLint plugin object: `import closewait from 'eslint-plugin-closewait'`. */
import type { ESLint, Rule } from 'eslint';
import { rules, type RuleId } from '../rules/index.js';
import { createConfigs, type ClosewaitFlatConfig } from './eslint/configs.js';
import { packageMeta } from './package-meta.js';

/**
 * The plugin's type, written out so that ESLint's own types take it: `plugins: { closewait }` and
 * `closewait.configs.recommended` in `defineConfig([...])` (eslint/config) or a `Linter.Config[]`.
 * (Typed as typescript-eslint's FlatConfig.Plugin, its configs' languageOptions would not fit
 * ESLint's.) Its rules are typed as ESLint's rule modules, which they are at run time; the named
 * export `rules` keeps typescript-eslint's more precise RuleModule types (whose context type ESLint's
 * does not fit).
 */
export interface ClosewaitPlugin extends ESLint.Plugin {
  readonly meta: { readonly name: string; readonly version: string };
  readonly rules: Readonly<Record<RuleId, Rule.RuleModule>>;
  readonly configs: { readonly recommended: ClosewaitFlatConfig<ClosewaitPlugin>; readonly strict: ClosewaitFlatConfig<ClosewaitPlugin> };
}

const plugin: ClosewaitPlugin = {
  meta: { name: packageMeta.name, version: packageMeta.version },
  rules: rules as unknown as Readonly<Record<RuleId, Rule.RuleModule>>,
  get configs() {
    return configs;
  },
};
const configs = createConfigs(plugin);

export default plugin;
export { rules, configs };
export type { ClosewaitFlatConfig };
