;;; emacs.el --- drives Emacs (batch) with the README's eglot configuration loaded first  -*- lexical-binding: t -*-
;; As a person would: open a broken sendmail.mc, wait for the server's diagnostics (flymake),
;; ask for a hover, apply the quick fix (eglot-code-actions) and save, then M-x
;; sendmail-test-route from the README. Writes what it saw as JSON to $SENDMAIL_EMACS_RESULT.
;; The batch stand-ins for the command loop: post-command-hook is run once after opening the
;; file (eglot-ensure connects from there) and flymake is started by hand.
(require 'json)
(require 'cl-lib)
(defvar drive-out nil)
(defvar drive-messages nil)
(defun drive-put (key value) (push (cons key value) drive-out))
(defun drive-wait (what seconds pred)
  (let ((deadline (+ (float-time) seconds)))
    (while (and (not (funcall pred)) (< (float-time) deadline)) (accept-process-output nil 0.05))
    (unless (funcall pred) (error "timed out waiting for %s" what))))
(defun drive-code (d) (plist-get (alist-get 'eglot-lsp-diag (flymake-diagnostic-data d)) :code))
(defun drive-find (code) (cl-find-if (lambda (d) (equal (drive-code d) code)) (flymake-diagnostics)))
(defun drive-codes () (vconcat (mapcar #'drive-code (flymake-diagnostics))))

(with-eval-after-load 'eglot
  ;; Record what the server shows (window/showMessage) as well.
  (cl-defmethod eglot-handle-notification :before (_server (_method (eql window/showMessage)) &key type message)
    (push `((type . ,type) (message . ,message)) drive-messages)))

(condition-case err
    (let ((dir (getenv "SENDMAIL_EMACS_DIR")))
      (find-file (expand-file-name "sendmail.mc" dir))
      (drive-put 'mode (symbol-name major-mode))
      (run-hooks 'post-command-hook)
      (drive-wait "eglot" 20 (lambda () (and (fboundp 'eglot-current-server) (eglot-current-server))))
      (flymake-start)
      (drive-wait "diagnostics" 20 (lambda () (drive-find "mc.unknown-feature")))
      (drive-put 'diagnostics (drive-codes))
      (let ((typo (drive-find "mc.unknown-feature")))
        (goto-char (flymake-diagnostic-beg typo))
        (drive-put 'message (flymake-diagnostic-text typo))
        (save-excursion
          (beginning-of-line)
          (let ((hover (jsonrpc-request (eglot-current-server) :textDocument/hover (eglot--TextDocumentPositionParams))))
            (drive-put 'hover (plist-get (plist-get hover :contents) :value))))
        (eglot-code-actions (line-beginning-position) (line-end-position) "quickfix" t)
        (drive-put 'fixed (buffer-substring-no-properties (line-beginning-position) (line-end-position))))
      (save-buffer)
      (drive-wait "the fixed file checked" 20 (lambda () (not (drive-find "mc.unknown-feature"))))
      (drive-put 'after (drive-codes))
      (sendmail-test-route "postmaster@example.com")
      (drive-wait "Test route" 170 (lambda () drive-messages))
      (drive-put 'messages (vconcat drive-messages))
      (drive-put 'ok t))
  (error (drive-put 'ok :json-false) (drive-put 'error (error-message-string err))))
(with-temp-file (getenv "SENDMAIL_EMACS_RESULT") (insert (json-encode drive-out)))
(kill-emacs 0)
