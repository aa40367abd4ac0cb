import { redirect } from 'next/navigation';
import { getRuntime } from '../../../lib/runtime';
import { isSetupDone } from '../../../lib/team';
import { SetupForm } from '../../_components/SetupForm';
import { completeSetup } from './actions';

export const metadata = { title: 'Set up' };

export default async function SetupPage() {
  const { db } = await getRuntime();
  if (await isSetupDone(db)) redirect('/sign-in');
  return <SetupForm action={completeSetup} />;
}
