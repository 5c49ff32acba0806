// Test harness for the TextMate grammars: loads every grammar that package.json declares
// into a real vscode-textmate registry (oniguruma WASM, the same engine VS Code uses),
// tokenizes text line by line carrying the rule stack, and finds tokens by their text.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vsctm from 'vscode-textmate';
import * as onig from 'vscode-oniguruma';

export const ROOT = path.resolve(__dirname, '../../..');
export { CORPUS } from '../unit/helpers';

export interface GrammarEntry { language: string; scopeName: string; path: string }

/** The contributes.grammars entries of package.json. */
export function declaredGrammars(): GrammarEntry[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  return pkg.contributes.grammars as GrammarEntry[];
}

export function grammarFile(scopeName: string): string {
  const entry = declaredGrammars().find((g) => g.scopeName === scopeName);
  if (!entry) throw new Error(`no grammar declared for ${scopeName}`);
  return path.join(ROOT, entry.path);
}

let onigReady: Promise<vsctm.IOnigLib> | undefined;

/** The oniguruma library, loaded once per process. */
export function onigLib(): Promise<vsctm.IOnigLib> {
  onigReady ??= (async () => {
    const wasm = fs.readFileSync(path.join(ROOT, 'node_modules/vscode-oniguruma/release/onig.wasm'));
    await onig.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
    return {
      createOnigScanner: (patterns: string[]) => new onig.OnigScanner(patterns),
      createOnigString: (s: string) => new onig.OnigString(s),
    };
  })();
  return onigReady;
}

let registry: vsctm.Registry | undefined;
const grammars = new Map<string, Promise<vsctm.IGrammar | null>>();

/** A grammar by scope name; embedded scopes (source.sendmail.cf inside mc) resolve through package.json. */
export function loadGrammar(scopeName: string): Promise<vsctm.IGrammar> {
  registry ??= new vsctm.Registry({
    onigLib: onigLib(),
    loadGrammar: async (scope) => {
      const entry = declaredGrammars().find((g) => g.scopeName === scope);
      if (!entry) return null;
      const file = path.join(ROOT, entry.path);
      return vsctm.parseRawGrammar(fs.readFileSync(file, 'utf8'), file);
    },
  });
  if (!grammars.has(scopeName)) grammars.set(scopeName, registry.loadGrammar(scopeName));
  return grammars.get(scopeName)!.then((g) => {
    if (!g) throw new Error(`grammar ${scopeName} did not load`);
    return g;
  });
}

export interface Token { text: string; start: number; end: number; scopes: string[] }
export type Lines = Token[][];

/** Tokenizes `text` (or lines) with the grammar, carrying the rule stack from line to line. */
export async function tokenize(scopeName: string, text: string | string[]): Promise<Lines> {
  const grammar = await loadGrammar(scopeName);
  const lines = Array.isArray(text) ? text : text.split(/\r?\n/);
  let stack = vsctm.INITIAL;
  const out: Lines = [];
  for (const line of lines) {
    const r = grammar.tokenizeLine(line, stack);
    out.push(r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), start: t.startIndex, end: t.endIndex, scopes: t.scopes })));
    stack = r.ruleStack;
  }
  return out;
}

/** Offset of the `nth` occurrence of `text` on a line (throws when absent). */
function offsetOf(lines: Lines, line: number, text: string, nth: number): number {
  const tokens = lines[line];
  if (!tokens) throw new Error(`no line ${line}`);
  const whole = tokens.map((t) => t.text).join('');
  let idx = -1;
  for (let i = 0; i <= nth; i++) {
    idx = whole.indexOf(text, idx + 1);
    if (idx < 0) throw new Error(`"${text}" (#${nth}) not on line ${line}: ${JSON.stringify(whole)}`);
  }
  return idx;
}

/** The token containing the first character of the `nth` occurrence of `text` on a line. */
export function tokenAt(lines: Lines, line: number, text: string, nth = 0): Token {
  const idx = offsetOf(lines, line, text, nth);
  return lines[line].find((t) => t.start <= idx && idx < t.end)!;
}

/** Scopes of the token containing `text` on a line. */
export function scopesAt(lines: Lines, line: number, text: string, nth = 0): string[] {
  return tokenAt(lines, line, text, nth).scopes;
}

/** True when a scope list holds `scope` itself or a more specific scope under it (comment.line ⊂ comment.line.dnl.m4). */
export function hasScope(scopes: string[], scope: string): boolean {
  return scopes.some((s) => s === scope || s.startsWith(scope + '.'));
}

/** A readable dump of a line's tokens, for assertion messages. */
export function dump(lines: Lines, line: number): string {
  return lines[line].map((t) => `${JSON.stringify(t.text)} ${t.scopes.slice(1).join(' ')}`).join('\n');
}

/** All tokens overlapping the `nth` occurrence of `text` on a line. */
function occurrence(lines: Lines, line: number, text: string, nth: number): Token[] {
  const start = offsetOf(lines, line, text, nth);
  return lines[line].filter((t) => t.end > start && t.start < start + text.length);
}

/** Asserts that every character of the `nth` occurrence of `text` on `line` carries `scope`. */
export function expectScope(lines: Lines, line: number, text: string, scope: string, nth = 0): void {
  const bad = occurrence(lines, line, text, nth).filter((t) => !hasScope(t.scopes, scope));
  if (bad.length) throw new Error(`line ${line}: "${text}" is not all ${scope}; tokens:\n${dump(lines, line)}`);
}

/** Asserts that no character of the `nth` occurrence of `text` on `line` carries `scope`. */
export function expectNoScope(lines: Lines, line: number, text: string, scope: string, nth = 0): void {
  const bad = occurrence(lines, line, text, nth).filter((t) => hasScope(t.scopes, scope));
  if (bad.length) throw new Error(`line ${line}: "${text}" unexpectedly has ${scope}; tokens:\n${dump(lines, line)}`);
}
