/** Minimal ANSI styling; every function returns the text unchanged when colours are off. */

export interface Palette {
  readonly bold: (text: string) => string;
  readonly dim: (text: string) => string;
  readonly underline: (text: string) => string;
  readonly red: (text: string) => string;
  readonly green: (text: string) => string;
  readonly yellow: (text: string) => string;
  readonly cyan: (text: string) => string;
}

const style = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;
const plain = (text: string) => text;

/** Styling functions, or no-ops when `enabled` is false. */
export function createPalette(enabled: boolean): Palette {
  if (!enabled) return { bold: plain, dim: plain, underline: plain, red: plain, green: plain, yellow: plain, cyan: plain };
  return { bold: style(1, 22), dim: style(2, 22), underline: style(4, 24), red: style(31, 39), green: style(32, 39), yellow: style(33, 39), cyan: style(36, 39) };
}
