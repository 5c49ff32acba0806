// Realistic big map files: mostly valid entries with a handful of known mistakes.
export function accessFile(lines) {
  const out = ['# generated access map for the benchmark'];
  for (let i = 1; i < lines; i++) {
    const a = (i >> 16) & 255, b = (i >> 8) & 255, c = i & 255;
    switch (i % 4) {
      case 0: out.push(`Connect:10.${a}.${b}.${c}\tREJECT`); break;
      case 1: out.push(`From:user${i}@spam${i % 5000}.example.com\tERROR:5.7.1:550 Spam not accepted`); break;
      case 2: out.push(`To:host${i}.example.org\tRELAY`); break;
      default: out.push(`From:sender${i}.example.net\tDISCARD`);
    }
  }
  out[1000] = 'Connect:10.0.0.0/8\tREJECT';      // CIDR: never matches
  out[2000] = 'To:typo.example.org\tRELAYY';      // unknown action
  out[3000] = out[2999];                          // duplicate key
  return out.join('\n') + '\n';
}

export function mailertableFile(lines) {
  const out = ['# generated mailertable for the benchmark'];
  for (let i = 1; i < lines; i++) {
    out.push(i % 2 ? `.dept${i}.example.com\tesmtp:[mx${i % 50}.example.com]` : `host${i}.example.net\tsmtp:[10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}]`);
  }
  out[500] = 'broken.example.com\tesmpt:[mx.example.com]'; // unknown mailer
  out[700] = 'port.example.com\tesmtp:[mx.example.com]:2525'; // port is not a port
  return out.join('\n') + '\n';
}

export const MC = [
  "include(`/usr/share/sendmail/cf/m4/cf.m4')dnl",
  "OSTYPE(`debian')dnl",
  "FEATURE(`access_db')dnl",
  "FEATURE(`mailertable')dnl",
  "MAILER(`local')dnl",
  "MAILER(`smtp')dnl",
  '',
].join('\n');
