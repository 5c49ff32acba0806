// A sendmail.mc with two mistakes that only the real programs see (the static analysis finds
// neither), for the check-on-save tests in the protocol and e2e layers, and its fixed form.
export const BROKEN_MC = [
  "include(`/usr/share/sendmail/cf/m4/cf.m4')dnl",
  "OSTYPE(`linux')dnl",
  "define(`confDOMAIN_NAME', `mail.example.test')dnl",
  "include(`/nonexistent/extra.m4')dnl", // line 4 (index 3): m4 cannot open it (exit 1)
  "MAILER(`local')dnl",
  "MAILER(`smtp')dnl",
  'LOCAL_RULESETS',
  'Rfoo', // line 8 (index 7): sendmail's config reader: invalid rewrite line (tab expected), exit 70
  '',
].join('\n');

export const FIXED_MC = BROKEN_MC.replace("include(`/nonexistent/extra.m4')dnl\n", '').replace('Rfoo\n', 'R$* < @ nowhere . > $*\t$#error $: 550 no\n');
