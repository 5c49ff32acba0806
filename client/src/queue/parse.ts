// Reads what `mailq` / `sendmail -bp` prints (also with -Ac for the submit queue, -qQ for
// quarantined mail, -v for priorities) into entries: queue id, mark, size, queue time and age,
// sender, status ("Deferred: Connection timed out with ..."), quarantine reason, recipients.
// Line-oriented, never throws: a line it does not know is kept in `other`, in order.
//
//   		/var/spool/mqueue (2 requests)
//   -----Q-ID----- --Size-- -----Q-Time----- ------------Sender/Recipient-----------
//   6B28D8YN002450*       3 Wed Dec  2 08:13 <alice@host.example>
//        QUARANTINE: held for review
//                    (Deferred: Connection timed out with mx.example.com.)
//   					 <bob@example.com>
//   6B284qkM022308 (Permission denied)
//   		Total requests: 2

export interface QueueRecipient {
  address: string;
  /** A status sendmail printed under this recipient (rare); else the entry's status applies. */
  note?: string;
}

export interface QueueEntry {
  id: string;
  /** The queue folder the entry was listed under. */
  queue?: string;
  /** sendmail's mark after the id: being delivered now (*), too young to retry (-), held back by load (X), lost (?). */
  mark?: 'locked' | 'too-young' | 'load' | 'lost';
  size?: number;
  priority?: number;
  /** The queue time as printed ("Wed Dec  2 08:13", local time, no year). */
  time?: string;
  sender?: string;
  /** The last delivery status of the message ("Deferred: Connection refused by mx.example.com."). */
  status?: string;
  quarantine?: string;
  bodyType?: string;
  recipients: QueueRecipient[];
  /** The queue file could not be read (e.g. "Permission denied"): nothing else is known. */
  unreadable?: string;
}

export interface QueueListing {
  queues: { dir: string; requests: number }[];
  entries: QueueEntry[];
  total?: number;
  /** Lines not understood (error messages, other formats), in order. */
  other: string[];
  /** Some or all of the queue could not be read for lack of permission. */
  permissionDenied: boolean;
}

const MARKS: Record<string, QueueEntry['mark']> = { '*': 'locked', '-': 'too-young', X: 'load', '?': 'lost' };
const ID = '([A-Za-z0-9]{6,40})([*X?-])?';
const ENTRY = new RegExp(`^${ID}\\s+(\\d+)\\s+(?:(\\d+)\\s+)?((?:[A-Z][a-z]{2}\\s+)?[A-Z][a-z]{2}\\s+\\d{1,2}\\s+\\d{1,2}:\\d{2})\\s+(.*)$`);
const UNREADABLE = new RegExp(`^${ID}\\s+\\((.*)\\)\\s*$`);
const HEADER = /^\s*(\S.*?)\s+\((\d+) requests?\b[^)]*\)\s*$/;
const EMPTY = /^\s*(\S.*?)\s+is empty\s*$/;
const TOTAL = /^\s*Total requests:\s*(\d+)\s*$/;
/** Errors that mean "not allowed to read this" (file modes, PrivacyOptions=restrictmailq). */
export const PERMISSION = /Permission denied|not permitted|not allowed|insufficient permission|Operation not permitted|requires special privileges/i;

/** Parses the output of `sendmail -bp` (any of its variants). Never throws. */
export function parseQueue(text: string): QueueListing {
  const out: QueueListing = { queues: [], entries: [], other: [], permissionDenied: false };
  let dir: string | undefined;
  let cur: QueueEntry | undefined;
  for (const raw of String(text ?? '').split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (!line.trim()) continue;
    let m: RegExpExecArray | null;
    if ((m = TOTAL.exec(line))) { out.total = Number(m[1]); cur = undefined; continue; }
    if (/^-+Q-ID-+/.test(line)) continue;
    if ((m = HEADER.exec(line)) && !ENTRY.test(line) && !UNREADABLE.test(line)) { dir = m[1]; out.queues.push({ dir, requests: Number(m[2]) }); cur = undefined; continue; }
    if ((m = EMPTY.exec(line))) { dir = m[1]; out.queues.push({ dir, requests: 0 }); cur = undefined; continue; }
    if (/^\S/.test(line) && (m = ENTRY.exec(line))) {
      cur = { id: m[1], queue: dir, mark: m[2] ? MARKS[m[2]] : undefined, size: Number(m[3]), priority: m[4] !== undefined ? Number(m[4]) : undefined,
        time: m[5].replace(/\s+/g, ' '), sender: m[6].trim(), recipients: [] };
      out.entries.push(cur);
      continue;
    }
    if (/^\S/.test(line) && (m = UNREADABLE.exec(line))) {
      cur = undefined;
      out.entries.push({ id: m[1], queue: dir, mark: m[2] ? MARKS[m[2]] : undefined, recipients: [], unreadable: m[3] });
      if (PERMISSION.test(m[3])) out.permissionDenied = true;
      continue;
    }
    const t = line.trim();
    if (cur && /^\s/.test(line)) {
      if ((m = /^QUARANTINE:\s*(.*)$/.exec(t))) { cur.quarantine = m[1]; continue; }
      if ((m = /^\((.*)\)$/.exec(t))) {
        const inner = m[1];
        const last = cur.recipients[cur.recipients.length - 1];
        if (last) last.note = last.note ? `${last.note}; ${inner}` : inner;
        else if (/^[A-Z0-9]+$/.test(inner)) cur.bodyType = inner;
        else cur.status = cur.status ? `${cur.status}; ${inner}` : inner;
        continue;
      }
      cur.recipients.push({ address: t });
      continue;
    }
    out.other.push(line);
    if (PERMISSION.test(line)) out.permissionDenied = true;
  }
  return out;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** When the message was queued (the printed local time has no year: the latest such time not after `now`), or undefined. */
export function queuedAt(time: string | undefined, now = new Date()): Date | undefined {
  const m = /([A-Z][a-z]{2})\s+(\d{1,2})\s+(\d{1,2}):(\d{2})$/.exec(time ?? '');
  const month = m ? MONTHS.indexOf(m[1]) : -1;
  if (!m || month < 0) return undefined;
  const at = new Date(now.getFullYear(), month, Number(m[2]), Number(m[3]), Number(m[4]));
  if (at.getTime() > now.getTime() + 60_000) at.setFullYear(at.getFullYear() - 1);
  return at;
}

/** A short age: "just now", "5 min", "3 h 10 min", "2 d 4 h". */
export function ageText(ms: number): string {
  const min = Math.floor(Math.max(0, ms) / 60_000);
  if (min < 1) return 'just now';
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 24) return min % 60 ? `${h} h ${min % 60} min` : `${h} h`;
  return h % 24 ? `${Math.floor(h / 24)} d ${h % 24} h` : `${Math.floor(h / 24)} d`;
}

/** The entry's age as text, or undefined when its time is not known. */
export function entryAge(e: QueueEntry, now = new Date()): string | undefined {
  const at = queuedAt(e.time, now);
  return at ? ageText(now.getTime() - at.getTime()) : undefined;
}

/**
 * A message sendmail put back into the queue after a failed attempt: it keeps the last temporary
 * failure as the status ("Deferred: Connection timed out with ...", "reply: read error from ...");
 * a message not tried yet has none.
 */
export const isDeferred = (e: QueueEntry): boolean => !!e.status && !e.unreadable;

/** The address inside angle brackets, without them ("<bob@example.com>" -> "bob@example.com"). */
export const bareAddress = (a: string): string => a.trim().replace(/^<(.*)>$/, '$1');
