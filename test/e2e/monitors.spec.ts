// An SMTP server is added as a monitor, stops, and comes back: the user watches checks arrive with
// per-phase timings, an incident open with a webhook alert, a comment, and the incident close.
import { expect, test, type Page } from '@playwright/test';
import { HttpSink, ToggleSmtpServer } from '../helpers/servers';
import { signInAsOwner } from './accounts';

test.describe.configure({ mode: 'serial' });

let smtp: ToggleSmtpServer;
let sink: HttpSink;
test.beforeAll(async () => {
  smtp = await new ToggleSmtpServer({ banner: 'relay.test ESMTP ready' }).start();
  sink = await new HttpSink().start();
});
test.afterAll(async () => {
  await smtp.stop();
  await sink.stop();
});

async function waitForStatus(page: Page, status: string) {
  await expect.poll(async () => {
    await page.reload();
    return page.getByTestId('status').first().textContent();
  }, { timeout: 30_000, intervals: [500, 1000] }).toBe(status);
}

test('an owner adds an alert channel and a monitor, and sees it up with phase timings', async ({ page }) => {
  await signInAsOwner(page);
  await page.goto('/settings');
  const channelForm = page.getByRole('form', { name: 'Add a channel' });
  await channelForm.getByLabel('Type').selectOption('webhook');
  await channelForm.getByLabel('Name').fill('Ops webhook');
  await channelForm.getByLabel('URL').fill(sink.url('/mailpulse'));
  await channelForm.getByRole('button', { name: 'Add channel' }).click();
  await expect(page.getByRole('status')).toContainText('Channel added. Its signing secret, shown only now:');
  await expect(page.getByTestId('channel-row')).toContainText('Ops webhook');

  await page.goto('/monitors');
  await page.getByRole('link', { name: 'Add monitor' }).first().click();
  await page.getByLabel('Name', { exact: true }).fill('Local relay');
  await page.getByLabel('Host', { exact: true }).fill('127.0.0.1');
  await page.getByLabel('Security', { exact: true }).selectOption('none');
  await page.getByLabel('Port', { exact: true }).fill(String(smtp.port));
  await page.getByLabel('Ops webhook').check();
  await page.getByRole('button', { name: 'Add monitor' }).click();
  await expect(page).toHaveURL(/\/monitors\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Local relay');
  await waitForStatus(page, 'Up');
  await expect(page.getByText('alerts to Ops webhook')).toBeVisible();

  const check = page.getByTestId('checks').locator('li').first();
  await check.locator('summary').click();
  // One timing per phase that ran (dt holds the phase name, dd its time).
  await expect(check.locator('dt')).toHaveText(['connect', 'banner', 'ehlo', 'quit']);
  await expect(check.locator('dd')).toHaveText([/^\d+ ms$/, /^\d+ ms$/, /^\d+ ms$/, /^\d+ ms$/]);
  await expect(check.locator('p', { hasText: 'Banner:' })).toContainText('relay.test ESMTP ready');
  await expect(check.getByTestId('transcript')).toContainText('C: EHLO mailpulse.localhost');
  await expect(check.getByTestId('transcript')).toContainText('C: QUIT');

  await page.goto('/monitors');
  const row = page.getByTestId('monitor-row').filter({ hasText: 'Local relay' });
  await expect(row.getByTestId('status')).toHaveText('Up');
  await expect(row).toContainText(`127.0.0.1:${smtp.port} · none`);
  await expect(row).toContainText('100%');
});

test('when the server stops, the monitor goes down, an incident opens and the webhook hears of it', async ({ page }) => {
  await signInAsOwner(page);
  await page.getByRole('link', { name: 'Local relay' }).click();
  await smtp.stop();
  await page.getByRole('button', { name: 'Check now' }).click();
  await waitForStatus(page, 'Down');
  await expect(page.getByTestId('last-failure')).toHaveText(/^connection_refused: /);

  await expect.poll(() => sink.requests.filter((r) => r.headers['x-mailpulse-event'] === 'incident.opened').length, { timeout: 20_000 }).toBe(1);
  const alert = JSON.parse(sink.requests.find((r) => r.headers['x-mailpulse-event'] === 'incident.opened')!.body);
  expect(alert).toMatchObject({ event: 'incident.opened', monitor: { name: 'Local relay', port: smtp.port }, incident: { severity: 'down', causeCode: 'connection_refused' } });

  await page.goto('/incidents');
  const incident = page.getByTestId('incident-row').filter({ hasText: 'Local relay' });
  await expect(incident).toHaveCount(1);
  await expect(incident).toContainText('down');
  await expect(incident).toContainText('connection_refused');
  await incident.getByRole('link', { name: /connection_refused/ }).click();
  await page.getByRole('textbox', { name: 'Comment' }).fill('Relay host rebooted for kernel update.');
  await page.getByRole('button', { name: 'Add comment' }).click();
  await expect(page.getByTestId('comments')).toContainText('Relay host rebooted for kernel update.');
  await expect(page.getByTestId('comments')).toContainText('Olivia Owner');
});

test('when the server returns, the incident resolves and the webhook says so', async ({ page }) => {
  await smtp.start();
  await signInAsOwner(page);
  await page.getByRole('link', { name: 'Local relay' }).click();
  await page.getByRole('button', { name: 'Check now' }).click();
  await waitForStatus(page, 'Up');
  await expect.poll(() => sink.requests.filter((r) => r.headers['x-mailpulse-event'] === 'incident.resolved').length, { timeout: 20_000 }).toBe(1);
  await page.goto('/incidents');
  await expect(page.getByTestId('no-open')).toHaveText('All monitors are fine.');
  await expect(page.getByTestId('incident-row').filter({ hasText: 'Local relay' })).toContainText('resolved');
});

test('an edit keeps what was set, adds expectations, and the next check honours them', async ({ page }) => {
  await signInAsOwner(page);
  await page.getByRole('link', { name: 'Local relay' }).click();
  await expect(page).toHaveURL(/\/monitors\/[0-9a-f-]{36}$/);
  const monitorUrl = page.url();
  await page.getByRole('link', { name: 'Edit' }).click();
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Local relay');
  await expect(page.getByLabel('Port', { exact: true })).toHaveValue(String(smtp.port));
  await expect(page.getByLabel('Ops webhook')).toBeChecked();
  await page.getByLabel('BANNER', { exact: true }).fill('60000');
  await page.getByLabel('PIPELINING', { exact: true }).check();
  await page.getByLabel('SMTPUTF8', { exact: true }).check();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page).toHaveURL(monitorUrl);

  const { monitor } = await (await page.request.get(monitorUrl.replace('/monitors/', '/api/v1/monitors/'))).json();
  expect(monitor.expectations).toEqual({ requiredExtensions: ['PIPELINING', 'SMTPUTF8'], certWarningDays: 14, maxPhaseMs: { banner: 60000 } });
  expect(monitor.channels.map((c: { name: string }) => c.name)).toEqual(['Ops webhook']);
  expect(monitor).not.toHaveProperty('authPasswordEncrypted');

  // Requiring an extension the server lacks makes the next check fail with a named expectation.
  await page.getByRole('link', { name: 'Edit' }).click();
  await page.getByLabel('CHUNKING', { exact: true }).check();
  await page.getByLabel('Down after this many failed checks').fill('1');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page).toHaveURL(monitorUrl);
  await waitForStatus(page, 'Down');
  await expect(page.getByTestId('last-failure')).toHaveText(/^expectation_failed: .*CHUNKING/);
});
