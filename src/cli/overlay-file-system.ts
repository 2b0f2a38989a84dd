/**
 * ts-morph's real file system, except for the files the CLI has read itself: those are served from
 * memory. It lets ts-morph parse each analysed file once, from the text closewait decided on (the
 * byte-order mark dropped, too-deep code blanked: see nesting.ts). `project.createSourceFile(path,
 * text, { overwrite: true })` would first parse the file from disk, twice the work, and a file too
 * deep for TypeScript's parser would overflow the stack right there.
 */
import path from 'node:path';
import { Project, type FileSystemHost } from 'ts-morph';
import { isAnalysableFile } from './source-files.js';

export interface OverlayFileSystem {
  /** The host to give `new Project({ fileSystem })`. */
  readonly host: FileSystemHost;
  /** Serve `text` as the contents of `file` (an absolute path) from now on. */
  readonly set: (file: string, text: string) => void;
}

/**
 * A file system that answers reads of the files given to `set` from memory, and everything else from
 * disk; `transform(file, text)`, when given, rewrites each other JavaScript or TypeScript source file
 * TypeScript reads (a file imported from outside the analysed ones), once.
 */
export function createOverlayFileSystem(transform?: (file: string, text: string) => string): OverlayFileSystem {
  // ts-morph exports no class for its real file system; a bare project hands out its instance.
  const real = new Project({ skipAddingFilesFromTsConfig: true, skipLoadingLibFiles: true }).getFileSystem();
  const texts = new Map<string, string>();
  const key = (file: string) => path.resolve(file).split(path.sep).join('/');
  const readSync = (file: string, encoding?: string): string => {
    const known = texts.get(key(file));
    if (known !== undefined) return known;
    const text = real.readFileSync(file, encoding);
    if (!transform || !isAnalysableFile(file)) return text;
    const transformed = transform(file, text);
    texts.set(key(file), transformed);
    return transformed;
  };
  const host = new Proxy(real, {
    get(target, property, receiver) {
      if (property === 'readFileSync') return readSync;
      if (property === 'readFile') return async (file: string, encoding?: string) => readSync(file, encoding);
      if (property === 'fileExistsSync') return (file: string) => texts.has(key(file)) || target.fileExistsSync(file);
      const value: unknown = Reflect.get(target, property, receiver);
      // Its methods use private fields: they must run on the real instance, not on the proxy.
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { host, set: (file, text) => texts.set(key(file), text) };
}
