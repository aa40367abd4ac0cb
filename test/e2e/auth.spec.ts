// A new Mailpulse from first start to a team with roles, as people would use it.
import { expect, test, type Page } from '@playwright/test';
import { owner } from './accounts';

test.describe.configure({ mode: 'serial' });

const viewer = { name: 'Victor Viewer', email: 'victor@example.com', password: 'victor-password-1' };

const sections = [
  { link: 'Monitors', path: '/monitors', empty: 'No monitors yet' },
  { link: 'Round trips', path: '/round-trips', empty: 'No round trips yet' },
  { link: 'Deliverability', path: '/deliverability', empty: 'No bounces, complaints or DMARC reports yet' },
  { link: 'Incidents', path: '/incidents', empty: 'No incidents' },
  { link: 'Reports', path: '/reports', empty: 'No reports scheduled' },
];

async function signIn(page: Page, who: { email: string; password: string }, succeeds = true) {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  if (succeeds) await expect(page).toHaveURL(/\/monitors$/);
}

async function sessionCookie(page: Page) {
  return (await page.context().cookies()).find((c) => c.name === 'mailpulse.session_token');
}

test('a fresh start leads to setup, which creates the owner and signs them in', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole('heading', { name: 'Welcome to Mailpulse' })).toBeVisible();

  await page.getByLabel('Your name').fill(owner.name);
  await page.getByLabel('Email').fill(owner.email);
  await page.getByLabel('Password', { exact: true }).fill(owner.password);
  await page.getByLabel('Repeat password').fill('something-else-1');
  await page.getByRole('button', { name: 'Create owner account' }).click();
  await expect(page.locator('form').getByRole('alert')).toHaveText('The two passwords do not match.');

  await page.getByLabel('Password', { exact: true }).fill(owner.password);
  await page.getByLabel('Repeat password').fill(owner.password);
  await page.getByRole('button', { name: 'Create owner account' }).click();
  await expect(page).toHaveURL(/\/monitors$/);
  await expect(page.getByTestId('user-name')).toHaveText(owner.name);
  await expect(page.getByTestId('user-role')).toHaveText('owner');
  const cookie = await sessionCookie(page);
  expect(cookie?.httpOnly).toBe(true);
  expect(cookie?.sameSite).toBe('Lax');
});

test('setup cannot be run twice', async ({ page }) => {
  await page.goto('/setup');
  await expect(page).toHaveURL(/\/sign-in$/);
});

test('the owner signs out, signs in again and reaches every section', async ({ page }) => {
  await signIn(page, owner);
  await expect(page).toHaveURL(/\/monitors$/);
  await page.getByRole('button', { name: 'Sign out' }).first().click();
  await expect(page).toHaveURL(/\/sign-in$/);
  expect(await sessionCookie(page)).toBeUndefined();

  await signIn(page, owner);
  await expect(page).toHaveURL(/\/monitors$/);
  const nav = page.getByRole('navigation', { name: 'Sections' });
  for (const section of sections) {
    await nav.getByRole('link', { name: section.link }).click();
    await expect(page).toHaveURL(new RegExp(`${section.path}$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(section.link);
    await expect(page.getByTestId('empty-state').getByRole('heading')).toHaveText(section.empty);
  }
  await nav.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings');
  await expect(page.getByTestId('member-row')).toHaveCount(1);
});

test('a wrong password shows an error and starts no session', async ({ page }) => {
  await signIn(page, { email: owner.email, password: 'not-the-password' }, false);
  await expect(page.locator('form').getByRole('alert')).toHaveText('Wrong email or password.');
  await expect(page).toHaveURL(/\/sign-in$/);
  expect(await sessionCookie(page)).toBeUndefined();
  await page.goto('/settings');
  await expect(page).toHaveURL(/\/sign-in$/);
});

test('the API refuses strangers with 401', async ({ request }) => {
  const response = await request.get('/api/v1/team');
  expect(response.status()).toBe(401);
  expect(await response.json()).toEqual({ error: 'Sign in first.' });
});

test('the owner adds a viewer from Settings', async ({ page }) => {
  await signIn(page, owner);
  await page.goto('/settings');
  const form = page.getByRole('form', { name: 'Add a member' });
  await form.getByLabel('Name').fill(viewer.name);
  await form.getByLabel('Email').fill(viewer.email);
  await form.getByLabel('Temporary password').fill(viewer.password);
  await form.getByLabel('Role').selectOption('viewer');
  await form.getByRole('button', { name: 'Add member' }).click();
  const row = page.getByTestId('member-row').filter({ hasText: viewer.email });
  await expect(row).toContainText(viewer.name);
  await expect(row.getByLabel(`Role of ${viewer.email}`)).toHaveValue('viewer');
  await expect(page.getByTestId('member-row')).toHaveCount(2);

  // The same email twice is refused with a clear message.
  await form.getByLabel('Name').fill('Someone Else');
  await form.getByLabel('Email').fill(viewer.email);
  await form.getByLabel('Temporary password').fill('another-password-1');
  await form.getByRole('button', { name: 'Add member' }).click();
  await expect(form.getByRole('alert')).toHaveText(`A member with the email ${viewer.email} already exists.`);
  await expect(page.getByTestId('member-row')).toHaveCount(2);
});

test('a viewer reads every section but cannot open settings or change the team', async ({ page }) => {
  await signIn(page, viewer);
  await expect(page).toHaveURL(/\/monitors$/);
  await expect(page.getByTestId('user-role')).toHaveText('viewer');
  const nav = page.getByRole('navigation', { name: 'Sections' });
  await expect(nav.getByRole('link')).toHaveText(sections.map((s) => s.link));
  await expect(nav.getByRole('link', { name: 'Settings' })).toHaveCount(0);

  const settings = await page.goto('/settings');
  expect(settings?.status()).toBe(403);
  await expect(page.getByRole('heading', { name: 'You don’t have access to this page' })).toBeVisible();

  const add = await page.request.post('/api/v1/team', {
    data: { name: 'Mallory', email: 'mallory@example.com', password: 'mallory-password', role: 'owner' },
  });
  expect(add.status()).toBe(403);
  expect(await add.json()).toEqual({ error: 'Your role (viewer) does not allow this.' });
  const list = await page.request.get('/api/v1/team');
  expect(list.status()).toBe(403);

  // Monitors: viewers read, but neither see nor reach the controls that change them.
  await page.goto('/monitors');
  await expect(page.getByRole('link', { name: 'Add monitor' })).toHaveCount(0);
  expect((await page.goto('/monitors/new'))?.status()).toBe(403);
  const create = await page.request.post('/api/v1/monitors', { data: { name: 'X', target: 'mx.example.com', port: 25, security: 'none' } });
  expect(create.status()).toBe(403);
  expect((await page.request.post('/api/v1/channels', { data: { type: 'slack', name: 'x', webhookUrl: 'https://hooks.example/x' } })).status()).toBe(403);
  expect((await page.request.get('/api/v1/monitors')).status()).toBe(200);
});
