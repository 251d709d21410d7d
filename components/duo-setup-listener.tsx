'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { DUO_SETUP_CHANNEL, type DuoSetupMessage } from './duo-activation';

/** Refreshes this page when a Duo Setup tab of ours says the phone of `userId` is activated. */
export function DuoSetupListener({ userId }: { userId: string }) {
  const router = useRouter();
  useEffect(() => {
    const channel = new BroadcastChannel(DUO_SETUP_CHANNEL);
    channel.onmessage = (event: MessageEvent<DuoSetupMessage>) => {
      if (event.data?.userId === userId && event.data.status === 'activated') router.refresh();
    };
    return () => channel.close();
  }, [router, userId]);
  return null;
}
