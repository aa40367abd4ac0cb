// The accounts the browser suite signs in with, and a sign-in that also handles first-run setup.
import { expect, type Page } from '@playwright/test';

export const owner = { name: 'Olivia Owner', email: 'olivia@example.com', password: 'olivia-password-1' };

export async function signInAsOwner(page: Page) {
  await page.goto('/');
  if (page.url().endsWith('/setup')) {
    await page.getByLabel('Your name').fill(owner.name);
    await page.getByLabel('Email').fill(owner.email);
    await page.getByLabel('Password', { exact: true }).fill(owner.password);
    await page.getByLabel('Repeat password').fill(owner.password);
    await page.getByRole('button', { name: 'Create owner account' }).click();
  } else if (page.url().endsWith('/sign-in')) {
    await page.getByLabel('Email').fill(owner.email);
    await page.getByLabel('Password').fill(owner.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }
  await expect(page).toHaveURL(/\/monitors$/);
}
