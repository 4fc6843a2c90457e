/**
 * Markup for Latchkey's emails. Every value interpolated into the `html` template is escaped unless it is
 * itself `SafeHtml` built by this template, so an email address or payload sent by a client can never become
 * markup in someone's mailbox (stored XSS in webmail, or a phishing link in "our" email).
 */

/** Markup that this module built; the only thing `html` inserts without escaping. */
export class SafeHtml {
  constructor(readonly markup: string) {}
  toString(): string {
    return this.markup;
  }
}

export type HtmlValue = string | number | SafeHtml;

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for an element body or a quoted attribute value (OWASP XSS cheat sheet, rule #1 and #2). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);
}

/** Tagged template: html`<p>${userText}</p>` escapes userText; nested html`` fragments pass through. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let markup = strings[0] ?? '';
  values.forEach((value, i) => {
    markup += render(value) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(markup);
}

function render(value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.markup;
  return escapeHtml(String(value));
}

/**
 * The frame every Latchkey email shares: inline styles only (mail clients drop <style> and <link>), no
 * remote images, fonts or links, so opening the email tells no one anything (no tracking pixels).
 */
export function emailDocument(title: string, body: SafeHtml): string {
  return html`<!DOCTYPE html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title}</title>
      </head>
      <body style="margin:0;padding:0;background:#f4f4f5;">
        <div
          style="max-width:600px;margin:0 auto;padding:24px 16px;font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;font-size:16px;line-height:1.5;color:#18181b;background:#ffffff;"
        >
          ${body}
          <p style="margin-top:32px;font-size:13px;color:#52525b;">
            This email was sent automatically by Latchkey. Do not reply to it.
          </p>
        </div>
      </body>
    </html> `.markup;
}
