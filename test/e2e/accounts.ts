// The accounts the browser suite signs in with, and a sign-in that also handles first-run setup.
import { expect, type Page } from '@playwright/test';

export const owner = { name: 'Olivia Owner', email: 'olivia@example.com', password: 'olivia-password-1' };

type Person = { name: string; email: string; password: string };

/** Fills in the first-run setup page, already open, and waits to land on Monitors. */
export async function completeSetup(page: Page, who: Person) {
  await page.getByLabel('Your name').fill(who.name);
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password', { exact: true }).fill(who.password);
  await page.getByLabel('Repeat password').fill(who.password);
  await page.getByRole('button', { name: 'Create owner account' }).click();
  await expect(page).toHaveURL(/\/monitors$/);
}

export async function signInAsOwner(page: Page) {
  await page.goto('/');
  if (page.url().endsWith('/setup')) {
    await completeSetup(page, owner);
  } else if (page.url().endsWith('/sign-in')) {
    await page.getByLabel('Email').fill(owner.email);
    await page.getByLabel('Password').fill(owner.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }
  await expect(page).toHaveURL(/\/monitors$/);
}
