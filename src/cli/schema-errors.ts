/**
 * JSON-schema validation with messages a person can act on. Ajv reports every branch of a `oneOf`;
 * for the type-specifier unions (discriminated by `from`) only the branch the value meant matters.
 */
import { createRequire } from 'node:module';
import type { JSONSchema4 } from '@typescript-eslint/utils/json-schema';
import type { Ajv as AjvInstance, ErrorObject, ValidateFunction } from 'ajv';

let ajv: AjvInstance | undefined;
const compiled = new WeakMap<object, ValidateFunction>();

/** Ajv, loaded when there is first something to validate: a run with no config file never needs it. */
function getAjv(): AjvInstance {
  if (!ajv) {
    const { Ajv } = createRequire(import.meta.url)('ajv') as typeof import('ajv');
    ajv = new Ajv({ allErrors: true, strict: false });
  }
  return ajv;
}

/** Problems with `value` against `schema`, one line each, located from `where` (e.g. `rules["x"]`). */
export function getSchemaErrors(schema: JSONSchema4, value: unknown, where: string): string[] {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = getAjv().compile(schema);
    compiled.set(schema, validate);
  }
  if (validate(value)) return [];
  const errors = pruneOneOfBranches(validate.errors ?? []);
  return [...new Set(errors.map((error) => `${where}${formatPath(error.instancePath)}: ${formatMessage(error)}`))];
}

/** Drop the errors of `oneOf` branches whose discriminating property (an enum on a direct child) did not match. */
function pruneOneOfBranches(errors: readonly ErrorObject[]): ErrorObject[] {
  const dropped = new Set<ErrorObject>();
  for (const oneOf of errors.filter((error) => error.keyword === 'oneOf' || error.keyword === 'anyOf')) {
    const prefix = `${oneOf.schemaPath}/`;
    const branches = new Map<string, ErrorObject[]>();
    for (const error of errors) {
      if (!error.schemaPath.startsWith(prefix)) continue;
      const branch = error.schemaPath.slice(prefix.length).split('/')[0] ?? '';
      branches.set(branch, [...(branches.get(branch) ?? []), error]);
    }
    const isDiscriminatedOut = (branchErrors: ErrorObject[]) =>
      branchErrors.some((error) => isEnumError(error) && isDirectChild(error.instancePath, oneOf.instancePath));
    const kept = [...branches.values()].filter((branchErrors) => !isDiscriminatedOut(branchErrors));
    if (branches.size > 0) dropped.add(oneOf);
    if (kept.length > 0) {
      for (const branchErrors of branches.values()) if (isDiscriminatedOut(branchErrors)) branchErrors.forEach((e) => dropped.add(e));
    } else {
      // No branch matched the discriminator: say which values it accepts, once.
      const enumErrors = [...branches.values()].flat().filter(isEnumError);
      const allowed = [...new Set(enumErrors.flatMap((error) => (error.params as { allowedValues: unknown[] }).allowedValues))];
      for (const error of [...branches.values()].flat()) dropped.add(error);
      const first = enumErrors[0];
      if (first) errors = [...errors, { ...first, schemaPath: `${oneOf.schemaPath}#merged`, params: { allowedValues: allowed } }];
    }
  }
  return errors.filter((error) => !dropped.has(error));
}

const isEnumError = (error: ErrorObject) => error.keyword === 'enum' || error.keyword === 'const';
const isDirectChild = (child: string, parent: string) => child.startsWith(`${parent}/`) && !child.slice(parent.length + 1).includes('/');

function formatPath(instancePath: string): string {
  return instancePath
    .split('/')
    .slice(1)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((segment) => (/^\d+$/.test(segment) ? `[${segment}]` : /^[A-Za-z_$][\w$]*$/.test(segment) ? `.${segment}` : `[${JSON.stringify(segment)}]`))
    .join('');
}

function formatMessage(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'enum':
      return `must be one of ${(params['allowedValues'] as unknown[]).map((value) => JSON.stringify(value)).join(', ')}`;
    case 'const':
      return `must be ${JSON.stringify(params['allowedValue'])}`;
    case 'additionalProperties':
      return `unknown property ${JSON.stringify(params['additionalProperty'])}`;
    case 'required':
      return `missing property ${JSON.stringify(params['missingProperty'])}`;
    case 'type':
      return `must be ${String(params['type'])}`;
    default:
      return error.message ?? error.keyword;
  }
}
