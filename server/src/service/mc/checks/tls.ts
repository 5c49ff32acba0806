// STARTTLS that sendmail silently leaves off. With confSERVER_CERT set, sendmail 8.17 offers
// STARTTLS only when (checked over SMTP with sendmail -bs, EHLO listing 250-STARTTLS or not):
//  - confSERVER_KEY, confCACERT and confCACERT_PATH are set too (the CA directory need not exist);
//  - the certificate, key and CA files exist;
//  - the private key is readable by nobody else (group-readable only with DontBlameSendmail
//    GroupReadableKeyFile).
// Otherwise it only logs the reason, and the admin finds out when a peer complains.
// Files are looked at only for the live configuration (isLivePath).
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { diag, isLivePath, type McContext } from '../context';
import { lastDefine, type McCallItem } from '../model';

const REQUIRED = ['confSERVER_KEY', 'confCACERT', 'confCACERT_PATH'] as const;
const FILES = ['confSERVER_CERT', 'confSERVER_KEY', 'confCACERT'] as const;
const LITERAL_PATH = /^\/[^\s`'$()]*$/;

/** Offsets of the value (second argument) of a define, without the quotes and blanks around it. */
function valueRange(mc: McContext, d: McCallItem): [number, number] {
  const a = d.call.args[1] ?? d.call.args[0];
  const raw = mc.model.text.slice(a.start, a.end);
  const lead = raw.length - raw.trimStart().length;
  const trail = raw.length - raw.trimEnd().length;
  let s = a.start + lead, e = a.end - trail;
  if (a.quotes && mc.model.text.startsWith(a.quotes.open, s) && mc.model.text.startsWith(a.quotes.close, e - a.quotes.close.length)) { s += a.quotes.open.length; e -= a.quotes.close.length; }
  return [s, Math.max(s, e)];
}

export function tlsChecks(mc: McContext): Diagnostic[] {
  const def = (name: string) => lastDefine(mc.model, name, true);
  const cert = def('confSERVER_CERT');
  if (!cert) return [];
  const out: Diagnostic[] = [];
  const value = (d: McCallItem) => (d.args[1] ?? '').trim();
  const missing = REQUIRED.filter((n) => { const d = def(n); return !d || !value(d); });
  if (missing.length) {
    const [s, e] = valueRange(mc, cert);
    out.push(diag(mc, s, e, DiagnosticSeverity.Warning, 'mc.tls-incomplete',
      `confSERVER_CERT is set, but ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not: sendmail then offers no STARTTLS (it needs the server key, a CA certificate file and a CA directory as well) and only logs why.`));
  }
  for (const name of FILES) {
    const d = def(name);
    const file = d && value(d);
    if (!d || !file || !LITERAL_PATH.test(file) || !isLivePath(mc, file)) continue;
    const [s, e] = valueRange(mc, d);
    if (mc.ws.mtime(file) === undefined) {
      out.push(diag(mc, s, e, DiagnosticSeverity.Warning, 'mc.tls-file-missing',
        `${file} does not exist on this machine: sendmail then offers no STARTTLS and only logs the problem. Create it or correct the path.`));
      continue;
    }
    const mode = mc.ws.mode?.(file);
    if (name !== 'confSERVER_KEY' || mode === undefined) continue;
    const dbs = def('confDONT_BLAME_SENDMAIL');
    const groupOk = /\bGroupReadableKeyFile\b/i.test(dbs ? value(dbs) : '');
    const octal = `0${(mode & 0o777).toString(8)}`;
    if (mode & 0o004) {
      out.push(diag(mc, s, e, DiagnosticSeverity.Warning, 'mc.tls-key-readable',
        `Everyone may read the private key ${file} (mode ${octal}): sendmail refuses such a key and offers no STARTTLS. Run chmod 600 ${file}.`));
    } else if (mode & 0o040 && !groupOk) {
      out.push(diag(mc, s, e, DiagnosticSeverity.Warning, 'mc.tls-key-readable',
        `The group may read the private key ${file} (mode ${octal}): sendmail refuses it and offers no STARTTLS, unless confDONT_BLAME_SENDMAIL includes GroupReadableKeyFile. Run chmod 600 ${file}.`));
    }
  }
  return out;
}
