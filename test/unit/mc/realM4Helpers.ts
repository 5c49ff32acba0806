// Shared by the realM4*.test.ts files: run the installed sendmail-cf through the real GNU m4,
// and analyse the same text with the language service (Warning and above, with the first quick fix).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { LanguageService, diskWorkspace } from '../../../server/src/service';
import { applyEdits } from '../helpers';

export const CF = '/usr/share/sendmail/cf';

/** Are m4 and the installed sendmail-cf there? (the real-m4 suites skip otherwise) */
export const haveRealM4 = (): boolean => fs.existsSync(`${CF}/m4/cf.m4`) && spawnSync('m4', ['--version']).status === 0;

/** m4's output and messages for `text`, with the given -D names. */
export function m4(text: string, defines: string[] = []): { out: string; err: string } {
  const r = spawnSync('m4', [`-D_CF_DIR_=${CF}/`, ...defines.map((d) => `-D${d}`)], { input: text, encoding: 'utf8' });
  return { out: r.stdout, err: r.stderr };
}

/** Our Error/Warning diagnostics for `text` as a sendmail.mc under /tmp/<folder>, their sorted codes, and the first one's quick fix applied. */
export function analyse(text: string, folder: string) {
  const svc = new LanguageService(diskWorkspace());
  const uri = `file:///tmp/${folder}/sendmail.mc`;
  svc.open(uri, 'sendmail-mc', 1, text);
  const ds = svc.diagnostics(uri).filter((d) => d.severity! <= DiagnosticSeverity.Warning);
  return { ds, codes: ds.map((d) => String(d.code)).sort(), fix: () => applyEdits(text, svc.codeActions(uri, ds[0].range, [ds[0]])[0].edit!.changes![uri]) };
}
