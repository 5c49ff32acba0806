// sendmail-lint: command-line checker (placeholder until the CLI issue lands).
process.stderr.write('sendmail-lint: not implemented yet\n');
process.exit(2);
