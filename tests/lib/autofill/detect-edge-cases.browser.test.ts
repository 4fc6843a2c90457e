import { afterEach, describe, expect, it } from 'vitest';
import { detectLoginForms, isPossibleLoginField } from '../../../lib/autofill/detect-login-forms';
import { describeElement as name, loadPage } from './detect-load-page';

let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
  cleanup = null;
});

async function detect(body: string, title = 'Example'): Promise<{ doc: Document; forms: string[] }> {
  const { doc, remove } = await loadPage(
    `<!doctype html><html><head><title>${title}</title></head><body>${body}</body></html>`,
  );
  cleanup = remove;
  const forms = detectLoginForms(doc).map(
    (f) =>
      `${f.kind}:${name(f.username)}/${name(f.password)}` +
      (f.newPassword || f.confirmPassword ? `/${name(f.newPassword)}/${name(f.confirmPassword)}` : ''),
  );
  return { doc, forms };
}

describe('detectLoginForms edge cases', () => {
  it('groups fields outside any <form> by their container, two panels apart', async () => {
    const { forms } = await detect(`<div id="app"><div class="grid">
      <div class="a"><div><input id="u" type="text" placeholder="Username"></div><div><input id="p" type="password"></div><button>Log in</button></div>
      <div class="b"><div><input id="e" type="email" placeholder="Email"></div><div><input id="n" type="password" placeholder="Choose a password"></div>
      <div><input id="c" type="password" placeholder="Repeat password"></div><button>Sign up</button></div></div></div>`);
    expect(forms).toEqual(['login:input#u/input#p', 'signup:input#e/null/input#n/input#c']);
  });

  it('finds every form of a page, in document order', async () => {
    const { forms } =
      await detect(`<form id="f1"><input id="a" name="user"><input id="b" type="password"><button>Sign in</button></form>
      <form id="f2"><input id="c" name="q" type="search"><button>Search</button></form>
      <form id="f3"><input id="d" name="email" type="email"><input id="e" type="password" autocomplete="new-password"><button>Create account</button></form>`);
    expect(forms).toEqual([
      'login:input#a[name=user]/input#b',
      'signup:input#d[name=email]/null/input#e/null',
    ]);
  });

  it('walks nested open shadow roots and cannot see closed ones', async () => {
    const { doc } = await loadPage(
      '<!doctype html><body><div id="open"></div><div id="closed"></div></body>',
    );
    const outer = doc.getElementById('open')!.attachShadow({ mode: 'open' });
    const inner = outer.appendChild(doc.createElement('x-card')).attachShadow({ mode: 'open' });
    const user = inner.appendChild(doc.createElement('input'));
    user.autocomplete = 'username';
    const pass = outer.appendChild(doc.createElement('input'));
    pass.type = 'password';
    const closed = doc.getElementById('closed')!.attachShadow({ mode: 'closed' });
    const hiddenPass = closed.appendChild(doc.createElement('input'));
    hiddenPass.type = 'password';
    const forms = detectLoginForms(doc);
    expect(forms).toHaveLength(1);
    expect(forms[0]?.username).toBe(user);
    expect(forms[0]?.password).toBe(pass);
  });

  it('skips a hidden honeypot username in favour of the rendered one', async () => {
    const { forms } = await detect(`<form><input id="trap" name="username" style="display:none">
      <input id="real" name="login" autocomplete="username"><input id="pw" type="password"><button>Sign in</button></form>`);
    expect(forms).toEqual(['login:input#real[name=login]/input#pw']);
  });

  it('keeps a login form that is entirely hidden (a modal not opened yet)', async () => {
    const { forms } = await detect(
      `<div hidden><form><input id="u" type="email"><input id="p" type="password"><button>Log in</button></form></div>`,
    );
    expect(forms).toEqual(['login:input#u/input#p']);
  });

  it('does not take an e-mail-only newsletter next to a login for a username step', async () => {
    const { forms } = await detect(
      `<form><input id="u" name="email" type="email"><input id="p" type="password"><button>Sign in</button></form>
       <div class="newsletter"><input id="n" type="email" placeholder="Your email"><button>Subscribe</button></div>`,
      'Sign in',
    );
    expect(forms).toEqual(['login:input#u[name=email]/input#p']);
  });

  it('ignores a search box in the header of a login page, even outside any form', async () => {
    const { forms } = await detect(
      `<header><div class="search"><input id="q" type="text" name="q" placeholder="Search"></div></header>
       <main><div class="login"><div><input id="u" type="text" name="username"></div><div><input id="p" type="password"></div><button>Log in</button></div></main>`,
    );
    expect(forms).toEqual(['login:input#u[name=username]/input#p']);
  });

  it('keeps a header search out of a formless username step', async () => {
    const { forms } = await detect(
      `<div id="app"><header><input id="q" placeholder="Search" type="text"><button>Search</button></header>
       <main><h1>Sign in</h1><div><input id="u" type="text" name="identifier" autocomplete="username"></div><button>Next</button></main></div>`,
      'Sign in',
    );
    expect(forms).toEqual(['login:input#u[name=identifier]/null']);
  });

  it('tells a username step from a newsletter, a reset page and a plain profile field by its words', async () => {
    const step = await detect(
      `<form><input id="e" type="email" name="email"><button type="submit">Next</button></form>`,
      'Sign in',
    );
    expect(step.forms).toEqual(['login:input#e[name=email]/null']);
    const reset = await detect(
      `<form><input id="e" type="email" name="email" autocomplete="username"><button type="submit">Reset password</button></form>`,
    );
    expect(reset.forms).toEqual([]);
    const plain = await detect(
      `<form><input id="e" type="email" name="email"><button type="submit">Next</button></form>`,
      'Shop',
    );
    expect(plain.forms).toEqual([]);
  });

  it('does not let utility class names veto a username step ("border" is not "order")', async () => {
    const { forms } = await detect(
      `<div class="flex border-0 rounded-lg"><div class="mt-2"><input id="u" type="email" autocomplete="username"></div><button class="px-4">Next</button></div>`,
      'Sign in',
    );
    expect(forms).toEqual(['login:input#u/null']);
  });

  it('treats a shown password (type switched to text) as the password', async () => {
    const { forms } = await detect(
      `<form><input id="u" autocomplete="username"><input id="p" type="text" autocomplete="current-password"><button>Sign in</button></form>`,
    );
    expect(forms).toEqual(['login:input#u/input#p']);
  });

  it('has no side effects on the page: same markup, no events, no mutations, same focus', async () => {
    const { doc } = await loadPage(
      `<!doctype html><body><input id="s" type="search"><form><input id="u" name="user"><input id="p" type="password"><button>Sign in</button></form>
       <x-host></x-host><script>document.querySelector('x-host').attachShadow({mode:'open'}).append(document.createElement('input'))</script></body>`,
    );
    doc.getElementById('s')!.focus();
    const before = new XMLSerializer().serializeToString(doc);
    const events: string[] = [];
    for (const type of ['focus', 'focusin', 'blur', 'input', 'change', 'keydown', 'click']) {
      doc.addEventListener(type, () => events.push(type), true);
    }
    const mutations: MutationRecord[] = [];
    const observer = new MutationObserver((records) => mutations.push(...records));
    const options = { subtree: true, attributes: true, childList: true, characterData: true };
    observer.observe(doc, options);
    observer.observe(doc.querySelector('x-host')!.shadowRoot!, options);
    expect(detectLoginForms(doc)).toHaveLength(1);
    mutations.push(...observer.takeRecords());
    observer.disconnect();
    expect(new XMLSerializer().serializeToString(doc)).toBe(before);
    expect(events).toEqual([]);
    expect(mutations).toEqual([]);
    expect(doc.activeElement?.id).toBe('s');
  });
});

describe('isPossibleLoginField', () => {
  it('accepts text-like inputs and rejects everything else, without layout', async () => {
    const { doc } = await loadPage('<!doctype html><body></body>');
    const input = (type: string | null): HTMLInputElement => {
      const el = doc.createElement('input');
      if (type !== null) el.setAttribute('type', type);
      return el;
    };
    for (const type of [null, '', 'text', 'email', 'tel', 'password', 'PASSWORD', 'username-ish']) {
      expect(isPossibleLoginField(input(type)), String(type)).toBe(true);
    }
    for (const type of ['search', 'hidden', 'checkbox', 'radio', 'submit', 'number', 'url', 'date', 'file']) {
      expect(isPossibleLoginField(input(type)), type).toBe(false);
    }
    expect(isPossibleLoginField(null)).toBe(false);
    expect(isPossibleLoginField(doc.createElement('textarea'))).toBe(false);
    expect(isPossibleLoginField(doc.createElement('div'))).toBe(false);
  });
});
