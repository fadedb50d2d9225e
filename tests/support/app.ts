// Helpers for the browser walks: watching every request and console error, axe, and the common
// moves of a person using the app (log in, answer a questionnaire, walk a tool part).
import { expect, Page, Request } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

export const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export interface Seen {
  requests: { url: string; body: string }[];
  foreign: string[];
  errors: string[];
}

/** Records every request (with its body), every request to another origin, every console error. */
export function watch(page: Page, seen?: Seen): Seen {
  const s: Seen = seen ?? { requests: [], foreign: [], errors: [] };
  const origin = new URL(process.env.MESTRING_URL!).origin;
  page.on('request', (r: Request) => {
    s.requests.push({ url: r.url(), body: r.postData() ?? '' });
    const u = new URL(r.url());
    if (u.protocol !== 'data:' && u.protocol !== 'blob:' && u.origin !== origin) s.foreign.push(r.url());
  });
  page.on('console', (m) => {
    // A failed fetch while deliberately offline is logged by Chromium itself, not by the app.
    // Chromium itself logs a failed fetch while deliberately offline, and a 401 answer (a wrong
    // or deleted code, which the app then explains); neither is an error of the app.
    if (m.type() === 'error' && !/ERR_INTERNET_DISCONNECTED|status of 401/.test(m.text())) s.errors.push(m.text());
  });
  page.on('pageerror', (e) => s.errors.push(String(e)));
  return s;
}

export async function axe(page: Page, where: string): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  expect(result.violations.map((v) => `${where}: ${v.id} ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
}

export const L = {
  nb: {
    switchTo: null as string | null,
    code: 'Tilgangskode', login: 'Logg inn', typo: 'Koden har en skrivefeil',
    consentTitle: 'Deling med helsetjenesten', consentYes: (b: string) => `Ja, del med ${b}`,
    consentLater: 'Bestem senere (ingenting deles nå)', save: 'Lagre valget',
    home: 'Oversikt', next: 'Neste', submit: 'Send inn', review: 'Se over svarene',
    saved: 'Svarene er lagret.', crisis: 'Trenger du hjelp nå?', offline: 'Du er uten nett',
    phq9: 'Spørreskjema om depresjon (PHQ-9)', gad7: 'Spørreskjema om angst (GAD-7)',
    history: 'Historikk', improved: 'Pålitelig bedring', tools: 'Verktøy',
    worry: 'Bekymring og angst', worry1: 'Å forstå bekymring', low: 'Nedstemthet', low1: 'Å forstå nedstemthet',
    finish: 'Fullfør delen', partDone: 'Du har fullført denne delen', localSave: 'Lagre på enheten',
    localSaved: 'Lagret kryptert på denne enheten.', settings: 'Innstillinger', sharing: 'Du deler registreringene dine med',
    newCode: 'Lag ny kode', typeBack: 'Skriv inn den nye koden for å bekrefte', confirmCode: 'Bekreft og bytt kode',
    codeMismatch: 'Det er ikke den nye koden.', changed: 'Koden er byttet',
    linkMake: 'Lag lenkekode', linkLabel: 'Lenkekode', linkGo: 'Fortsett',
    exportJson: 'Last ned alt (JSON)', exportFhir: 'Last ned skjemasvar (FHIR)', exportLocal: 'Last ned notatene på denne enheten (JSON)',
    deleteLabel: 'Skriv SLETT for å bekrefte', deleteWord: 'SLETT', deleteButton: 'Slett alt for godt', deleted: 'Alt er slettet.',
    deleteMismatch: 'Skriv SLETT nøyaktig for å bekrefte.', unlock: 'Lås opp', unreadable: 'kan ikke leses',
    feedbackText: 'Tilbakemeldingen din', feedbackSend: 'Send tilbakemelding', feedbackSent: 'Takk! Tilbakemeldingen er sendt.',
    logout: 'Logg ut', toParts: 'Til delene',
  },
  en: {
    switchTo: 'Change language to English',
    code: 'Access code', login: 'Log in', typo: 'The code has a typo',
    consentTitle: 'Sharing with your health service', consentYes: (b: string) => `Yes, share with ${b}`,
    consentLater: 'Decide later (nothing is shared now)', save: 'Save my choice',
    home: 'Overview', next: 'Next', submit: 'Submit', review: 'Check your answers',
    saved: 'Your answers are saved.', crisis: 'Do you need help now?', offline: 'You are offline',
    phq9: 'Patient Health Questionnaire (PHQ-9)', gad7: 'Generalized Anxiety Disorder scale (GAD-7)',
    history: 'History', improved: 'Reliable improvement', tools: 'Tools',
    worry: 'Worry and anxiety', worry1: 'Understanding worry', low: 'Low mood', low1: 'Understanding low mood',
    finish: 'Finish the part', partDone: 'You have finished this part', localSave: 'Save on this device',
    localSaved: 'Saved encrypted on this device.', settings: 'Settings', sharing: 'You share your registrations with',
    newCode: 'Make a new code', typeBack: 'Type the new code to confirm', confirmCode: 'Confirm and change the code',
    codeMismatch: 'That is not the new code.', changed: 'Your code is changed',
    linkMake: 'Make a link code', linkLabel: 'Link code', linkGo: 'Continue',
    exportJson: 'Download everything (JSON)', exportFhir: 'Download questionnaire answers (FHIR)', exportLocal: 'Download the notes on this device (JSON)',
    deleteLabel: 'Type DELETE to confirm', deleteWord: 'DELETE', deleteButton: 'Delete everything for good', deleted: 'Everything is deleted.',
    deleteMismatch: 'Type DELETE exactly to confirm.', unlock: 'Unlock', unreadable: 'cannot be read',
    feedbackText: 'Your feedback', feedbackSend: 'Send feedback', feedbackSent: 'Thank you! Your feedback is sent.',
    logout: 'Log out', toParts: 'Back to the parts',
  },
};
export type Strings = typeof L.nb;

export function h1(page: Page, name: string | RegExp) {
  return page.getByRole('heading', { level: 1, name });
}

/** Logs in with the code on the login page (language already chosen). */
export async function logIn(page: Page, s: Strings, code: string): Promise<void> {
  await page.getByLabel(s.code, { exact: true }).fill(code);
  await page.getByRole('button', { name: s.login, exact: true }).click();
}

/** Answers the open questionnaire with `values` (option index = value), checks the review, submits. */
export async function answer(page: Page, s: Strings, values: number[], onEach?: (i: number) => Promise<void>): Promise<void> {
  for (let i = 0; i < values.length; i++) {
    const group = page.getByRole('group');
    await group.getByRole('radio').nth(values[i]).check();
    if (onEach) await onEach(i);
    await page.getByRole('button', { name: s.next, exact: true }).click();
  }
  await expect(page.getByRole('heading', { level: 2, name: s.review })).toBeVisible();
  await page.getByRole('button', { name: s.submit, exact: true }).click();
}

/** Walks every step of an open tool part: picks the first choice of each question, types
 *  `note` into local-only text steps (saving it on the device), and finishes the part. */
export async function walkPart(page: Page, s: Strings, note: string): Promise<void> {
  for (let guard = 0; guard < 20; guard++) {
    if (await page.getByText(s.partDone).isVisible()) return;
    const area = page.locator('main textarea');
    if (await area.isVisible()) {
      await area.fill(note);
      await page.getByRole('button', { name: s.localSave }).click();
      await expect(page.getByText(s.localSaved, { exact: true })).toBeVisible();
    }
    const groups = page.locator('main fieldset');
    for (let g = 0; g < (await groups.count()); g++) await groups.nth(g).getByRole('radio').first().check();
    const position = page.locator('#step-position');
    const before = await position.textContent();
    const finish = page.getByRole('button', { name: s.finish });
    if (await finish.isVisible()) await finish.click();
    else await page.getByRole('button', { name: s.next, exact: true }).click();
    await expect(position).not.toHaveText(before ?? '');
  }
  await expect(page.getByText(s.partDone)).toBeVisible();
}
