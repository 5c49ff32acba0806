// virtusertable (incoming address -> destination), genericstable (outgoing local address ->
// public address) and domaintable (old domain -> new domain).
import { CompletionItemKind } from 'vscode-languageserver-types';
import type { Dialect } from '../dialect';
import { MAKEMAP_DUPLICATE, foldLower } from '../dialect';
import type { Entry } from '../syntax';
import { issue, INFO, WARNING, type Issue } from '../issues';
import type { TableEnv } from '../env';
import { whyVirtual } from '../virtualDomains';
import { isHostName } from '../hosts';
import { checkErrorForm, checkErrorValue, checkStatusColon, describeError, shownText } from './errorValue';
import { VIRTUSER_FAST } from '../fastPaths';
import { cachedScanner, virtusertableScanner, type VirtualFacts } from '../lineScanners';
import { FNV_OFFSET, FNV_PRIME } from '../keyIndex';
import { clip } from '../../clip';

const DUP = { severity: 1 as const, says: MAKEMAP_DUPLICATE };

function checkPercent(e: Entry, out: Issue[], max: number, why: string): void {
  const re = /%(\d)/g;
  for (let m = re.exec(e.value); m; m = re.exec(e.value)) {
    if (Number(m[1]) > max) out.push(issue('table.bad-percent', WARNING, e.valueStart + m.index, e.valueStart + m.index + 2, `%${m[1]} is never filled in here (${why}); it stays empty.`));
  }
}

/**
 * Which %n a virtusertable value may use, from the lookups in cf/m4/proto.m4 (Parse1) and
 * checked with `sendmail -bt` (8.17): every user@domain / @domain lookup passes the user as
 * %1; the lookups made for user+detail (user++@, user+*@, user@, ++@, +*@, @domain) also
 * pass the detail as %2 and "+detail" as %3. `info@example.com  %1-x@example.org` gives
 * info-x; `+*@example.com  %1%3@example.org` keeps bar+baz. A key with a literal detail
 * (`full+d@example.com`) is only found by the exact lookup, where %1 is "full+d" and %2 is empty.
 */
function virtuserPercents(key: string): [number, string] {
  const local = key.slice(0, key.lastIndexOf('@'));
  if (!local.includes('+') || /\+[+*]$/.test(local)) return [3, '%1 is the user, %2 the detail and %3 "+detail" of user+detail addresses'];
  return [1, `a key with a literal +detail is only matched as a whole: %1 is \`${local}\`, %2 and %3 are empty`];
}

/**
 * genericstable (cf/m4/proto.m4, ruleset MasqHdr): `user+*@domain` and `user+*` lookups pass
 * the detail as %1 (cf/README: `gen+*@foo.org  %1@example.com`), `@domain` passes the user;
 * full addresses and bare users pass nothing.
 */
function genericsPercents(key: string): [number, string] {
  if (key.startsWith('@')) return [1, '%1 is the user part'];
  if (/\+\*(@|$)/.test(key)) return [1, '%1 is the +detail'];
  return [0, '%1 is set only for @domain keys (the user) and user+* keys (the detail)'];
}

/** A key whose domain sendmail never looks up (see virtualDomains.ts for the rule and the sendmail -bt evidence). */
function checkVirtual(e: Entry, env: TableEnv, out: Issue[]): void {
  const v = env.virtual;
  if (!v) return;
  const at = e.key.lastIndexOf('@');
  const domain = e.key.slice(at + 1);
  if (whyVirtual(v, domain)) return;
  const where = v.cwFile ? `${v.cwFile} (class {w})` : `VIRTUSER_DOMAIN in ${v.mcPath}`;
  out.push(issue('virtusertable.domain-not-virtual', INFO, e.keyStart + at + 1, e.keyEnd,
    `sendmail looks up the virtusertable only for domains in class {w} or {VirtHost} (VIRTUSER_DOMAIN). \`${clip(domain)}\` is in neither (unless it is this machine's own name): this entry is never used, and its mail is relayed elsewhere or refused ("Relaying denied"). Add the domain to ${clip(where, 80)}.`,
    { domain, cwFile: v.cwFile, mcPath: v.mcPath }));
}

function domainHover(domain: string, env: TableEnv): string {
  const why = env.virtual && whyVirtual(env.virtual, domain);
  if (why) return `**\`${domain}\`** — sendmail looks up this key: ${why}.`;
  return `**\`${domain}\`** — sendmail does not look up this key: the domain is in neither class {w} (local host names${env.virtual?.cwFile ? `, ${env.virtual.cwFile}` : ''}) nor {VirtHost} (VIRTUSER_DOMAIN), unless it is this machine's own host name.`;
}

/** The names of classes {w} and {VirtHost} by hash, for the virtusertable scanner (whyVirtual, in place). */
function virtualFacts(env: TableEnv): VirtualFacts | undefined {
  const v = env.virtual;
  if (!v) return undefined;
  const byHash = (names: Iterable<string>) => {
    const m = new Map<number, string[]>();
    for (const n of names) {
      let a = FNV_OFFSET;
      for (let i = 0; i < n.length; i++) a = Math.imul(a ^ n.charCodeAt(i), FNV_PRIME);
      m.set(a, [...(m.get(a) ?? []), n]);
    }
    return m;
  };
  return { names: byHash([...v.w.keys(), ...v.virt.keys()]), virt: byHash(v.virt.keys()), entireDomain: v.entireDomain };
}

export const virtusertable: Dialect = {
  name: 'virtusertable',
  syntax: 'map',
  foldKey: foldLower,
  caseHintFrom: (e) => e.key.lastIndexOf('@') + 1, // user names like MAILER-DAEMON are conventionally upper case
  checkEntry(e, env, out) {
    const k = e.key;
    if (!k.includes('@')) {
      out.push(issue('virtusertable.key-never-matched', WARNING, e.keyStart, e.keyEnd,
        k.startsWith('.') ? `sendmail looks up user@domain and @domain only; \`${clip(k)}\` (a domain suffix) never matches. For a catch-all write @${clip(k.slice(1))}.`
          : `sendmail looks up user@domain and @domain only; the bare name \`${clip(k)}\` never matches. Write ${clip(k)}@your.domain (or use the aliases file).`));
    } else if (!isHostName(k.slice(k.lastIndexOf('@') + 1))) {
      out.push(issue('virtusertable.bad-domain', WARNING, e.keyStart, e.keyEnd, `\`${clip(k.slice(k.lastIndexOf('@') + 1))}\` is not a domain name; this key never matches.`));
    } else checkVirtual(e, env, out);
    if (/^error:/i.test(e.value)) {
      checkErrorValue(e.value.slice(6), e.valueStart + 6, e.valueEnd, out);
      // virtusertable reads "5" as the status and keeps ".7.1 text" (sendmail 8.17 -bs)
      checkStatusColon(e.value.slice(6), e.valueStart + 6, out, 'virtusertable.error-no-colon', clip(k), (t) => shownText(t.slice(1)));
      // the mailertable's forms (error:nouser:550 text, error:550 text) or one word: not the reply that was written
      checkErrorForm(e.value.slice(6), e.valueStart + 6, out, 'virtusertable');
    }
    if (k.includes('@')) checkPercent(e, out, ...virtuserPercents(k));
  },
  hover(e, ch, env) {
    if (ch <= e.keyEnd) {
      const k = e.key;
      const at = k.lastIndexOf('@');
      if (at >= 0 && ch > e.keyStart + at && env.virtual) return domainHover(k.slice(at + 1), env);
      if (k.startsWith('@')) return `**Catch-all** — every address at \`${k.slice(1)}\` that has no exact entry (%1 in the value is the user part, %3 the "+detail" if any).`;
      const plus = /^(.*)\+([+*])@/.exec(k);
      if (plus) return `**\`${k}\`** — ${plus[1] || 'any user'}+detail at this domain${plus[2] === '+' ? ' (a non-empty detail only)' : ' (the detail may be empty)'}; %1 is the user, %2 the detail, %3 "+detail".`;
      return `**\`${k}\`** — exactly this address.`;
    }
    if (/^error:/i.test(e.value)) return describeError(e.value.slice(6), 'virtusertable');
    return e.value.includes('@') ? `Delivered to \`${e.value}\` (sendmail routes it again from there).` : `Delivered to the local user or alias \`${e.value}\`.`;
  },
  complete: (e, ch) => (e && ch > e.keyEnd ? [{ label: 'error:5.1.1:550 User unknown', kind: CompletionItemKind.Snippet }] : []),
  // The scanner looks the domain up in classes {w} and {VirtHost} (virtualFacts); the regex fast path cannot.
  scanner: (env) => cachedScanner('virtusertable', env, (e) => virtusertableScanner(virtualFacts(e))),
  fastPath: (env) => (env.virtual ? undefined : VIRTUSER_FAST),
  duplicate: DUP,
};

export const genericstable: Dialect = {
  name: 'genericstable',
  syntax: 'map',
  foldKey: foldLower,
  caseHintFrom: () => 0,
  checkEntry(e, _env, out) {
    if (!e.value.includes('@')) out.push(issue('genericstable.unqualified', WARNING, e.valueStart, e.valueEnd, `\`${clip(e.value)}\` has no @domain: outgoing mail from ${clip(e.key)} is rewritten to an unqualified address, which sendmail then qualifies with this host's name.`));
    checkPercent(e, out, ...genericsPercents(e.key));
  },
  hover(e, ch) {
    if (ch <= e.keyEnd) return e.key.includes('@') ? `Outgoing mail from exactly \`${e.key}\`.` : `Outgoing mail from the local user \`${e.key}\` (at any domain in GENERICS_DOMAIN).`;
    return `The sender address is rewritten to \`${e.value}\` in the envelope and headers.`;
  },
  complete: () => [],
  duplicate: DUP,
};

export const domaintable: Dialect = {
  name: 'domaintable',
  syntax: 'map',
  foldKey: foldLower,
  caseHintFrom: () => 0,
  checkEntry(e, _env, out) {
    const k = e.key.replace(/^\./, '');
    if (e.key.startsWith('.')) out.push(issue('domaintable.key-never-matched', WARNING, e.keyStart, e.keyEnd, `domaintable looks up whole domains only (no .suffix matching like mailertable): \`${clip(e.key)}\` never matches. List each domain, e.g. \`example${clip(e.key)}\`.`));
    else if (!isHostName(k)) out.push(issue('domaintable.bad-domain', WARNING, e.keyStart, e.keyEnd, `\`${clip(e.key)}\` is not a domain name; this entry never matches.`));
    if (e.value.includes('@') || !isHostName(e.value.replace(/%\d/g, 'x'))) out.push(issue('domaintable.bad-domain', WARNING, e.valueStart, e.valueEnd, `\`${clip(e.value)}\` is not a domain name; domaintable maps a domain to another domain.`));
  },
  hover(e, ch) {
    return ch <= e.keyEnd ? `Addresses at \`${e.key}\` are rewritten to \`${e.value}\` (e.g. \`user@${e.key.replace(/^\./, 'host.')}\`).` : `The new domain for ${e.key}.`;
  },
  complete: () => [],
  duplicate: DUP,
};
