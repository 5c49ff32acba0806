// Helpers for map-file tests: open a map beside an optional sendmail.mc, apply quick fixes.
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { openDoc, applyEdits } from '../helpers';
import type { LanguageId } from '../../../server/src/service';

export const MC_SMTP = "include(`/usr/share/sendmail/cf/m4/cf.m4')dnl\nOSTYPE(`debian')dnl\nFEATURE(`access_db')dnl\nFEATURE(`mailertable')dnl\nMAILER(`local')dnl\nMAILER(`smtp')dnl\n";

export function openMap(languageId: LanguageId, text: string, opts: { file?: string; mc?: string | null; others?: Record<string, string>; mtimes?: Record<string, number> } = {}) {
  const file = opts.file ?? `/etc/mail/${languageId.replace('sendmail-', '')}`;
  const others: Record<string, string> = { ...(opts.others ?? {}) };
  if (opts.mc !== null) others['/etc/mail/sendmail.mc'] = opts.mc ?? MC_SMTP;
  const { svc, uri } = openDoc(languageId, text, file, others, opts.mtimes ?? {});
  return { svc, uri, diags: () => svc.diagnostics(uri) };
}

export const byCode = (ds: Diagnostic[], code: string) => ds.filter((d) => d.code === code);

/** Applies the edits a code action makes to `uri` (the document or another file). */
export function applyAction(a: CodeAction, uri: string, text: string): string {
  const edits = a.edit?.changes?.[uri];
  if (!edits) throw new Error(`action "${a.title}" does not edit ${uri}`);
  return applyEdits(text, edits);
}
