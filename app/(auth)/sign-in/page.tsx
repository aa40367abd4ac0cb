import { redirect } from 'next/navigation';
import { getRuntime } from '../../../lib/runtime';
import { isSetupDone } from '../../../lib/team';
import { currentUser } from '../../_lib/guard';
import { SignInForm } from '../../_components/SignInForm';

export const metadata = { title: 'Sign in' };

export default async function SignInPage() {
  const { db } = await getRuntime();
  if (!(await isSetupDone(db))) redirect('/setup');
  if (await currentUser()) redirect('/monitors');
  return <SignInForm />;
}
