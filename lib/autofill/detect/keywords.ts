/**
 * The few multilingual word lists detection needs (en, de, fr, es, it, pt, nl, ru, ja, zh), as compact regexes
 * over lower-cased text. Kept short on purpose: this ships in the always-on content script (≤ 30 KB, DESIGN.md §7),
 * and the strong signals (input type, autocomplete tokens, password count) decide most forms before any word is
 * looked at. The word choices follow what the big managers key on (Bitwarden's `AutofillFieldQualifier`, 1Password's
 * published heuristics, Chromium's `password_form_parser`): these are the labels real sites use.
 */

/** A field that names a login identifier: username, e-mail, phone, account. */
export const USERNAME =
  /user|login|log.?in|acct|e.?mail|mail|account|ident|phone|mobile|handle|member|nutzer|anmelde|courriel|identifiant|utilisateur|usuario|correo|utente|usu[aá]rio|gebruiker|логин|почт|пользоват|телефон|ユーザ|メール|アカウント|用户|邮箱|帐号|账号|账户|手机|電子郵件/;

/** A search box (often in a login page's header): never a credential, never part of a login form. */
export const SEARCH = /search|query|\bq\b|suche|recherch|buscar|cerca|pesquis|zoek|поиск|検索|搜索/;

/**
 * Never a username or a password: one-time codes, captchas, payment and address fields. "pin" and "code" also
 * catch "PIN" and "security code" of card forms that use type=password for the CVV.
 */
export const NOT_CREDENTIAL =
  /otp|totp|2fa|mfa|one.?time|captcha|coupon|promo|zip|postal|card|cvv|cvc|csc|expir|\bpin\b|code|sms|验证码|確認コード/;

/** A password field that asks for the new password (sign-up, change-password). */
export const NEW_PASSWORD = /new|reg_?pass|create|neu|nouveau|nuevo|nuova|novo|nieuw|нов|新/;
/** A password field that repeats another one. */
export const CONFIRM_PASSWORD =
  /confirm|repeat|retype|re.?enter|again|verif|password2|passwd2|pass2|bestätig|wiederhol|répét|confirmer|confirmar|repetir|ripeti|conferma|herhaal|bevestig|повтор|подтвер|確認|再入力|确认|重复|再次/;
/** A password field that asks for the current password (change-password forms). */
export const CURRENT_PASSWORD =
  /current|old|existing|aktuell|bisherig|alt(es)?\b|actuel|ancien|actual|anterior|attuale|vecchi|atual|huidig|\boud\b|текущ|стар|現在|当前|旧/;

/** Strong words for "log in to an existing account" (a "welcome back" heading says it too). */
export const LOGIN =
  /sign.?in|log.?in|log.?on|signin|anmeld|einlog|connexion|connecter|iniciar sesi|acceder|entrar|accedi|accesso|inloggen|войти|вход|ログイン|サインイン|登录|登入|登錄|welcome back|willkommen zurück|bon retour|bienvenido de nuevo|bentornat|bem-vindo de volta|welkom terug|с возвращением|おかえり|欢迎回来/;
/** Weak words: a step button that leads to the next step of a login (only with a login title). */
export const NEXT_STEP =
  /next|continue|weiter|suivant|continuer|siguiente|continuar|avanti|continua|pr[oó]ximo|volgende|doorgaan|далее|продолж|次へ|続行|下一步|继续/;
/** Words of a form that creates an account. */
export const SIGNUP =
  /sign.?up|signup|regist|create|new account|join|enrol|get started|konto erstellen|créer|inscri|crear|regístr|crea |criar|cadastr|aanmaken|зарегистр|регистрац|создать|登録|新規|注册|创建|註冊/;
/**
 * Words of forms that look like a username-only step but are not one: newsletters, search, password reset,
 * contact, profile settings, checkout.
 */
export const NOT_LOGIN =
  /subscri|newsletter|search|forgot|reset|recover|contact|abonn|suscri|iscriviti|zoek|suche|recherch|buscar|cerca|поиск|подпис|検索|搜索|订阅|(?<![a-z])save|update|speicher|enregistr|guardar|salva|opslaan|сохран|保存|(?<![a-z])pay\b|checkout|(?<![a-z])order|bestell|commander|pedido|ordine|(?<![a-z])send|senden|envoyer|enviar|invia|verstuur|отправ|送信|发送|verify|bestätigen|vérifier|verificar|verifica|controleer|подтвердить|確認|验证|lost|new password|vergessen|oublié|olvid|dimenticat|esquece|забыл|忘れ|忘记|change|ändern|modifier|modifica|alterar|wijzig|измен|変更|更改/;
/** A form that sets a new password for an existing account (change or reset). */
export const CHANGE_PASSWORD =
  /change|reset|ändern|changer|cambiar|cambia|alterar|wijzig|измен|сброс|変更|更改|修改|重置/;
/** Words of a username proper (not an e-mail address), for picking a sign-up form's username. */
export const USER_NAME =
  /user.?name|user.?id|login|handle|nutzername|utilisateur|usuario|utente|gebruikersnaam|пользовател|логин|ユーザー?名|用户名/;
/** Buttons of settings and payment forms, whose lone password-typed field (API token, Wi-Fi key) is no login. */
export const SETTINGS =
  /(?<![a-z])save|update|(?<![a-z])pay\b|checkout|(?<![a-z])order|subscri|speicher|enregistr|guardar|salva|opslaan|сохран|保存|更新/;
