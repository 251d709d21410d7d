import { Button, Text } from '@react-email/components';
import { EmailLayout } from './email-layout';

export type InvitationProps = { name: string; companyName: string; inviterName: string; link: string; hours: number };

/** The invitation to set a password: one link, single use, with its lifetime stated. */
export function InvitationEmail({ name, companyName, inviterName, link, hours }: InvitationProps) {
  const heading = `Join ${companyName} on Latchkey`;
  return (
    <EmailLayout preview={heading} heading={heading}>
      <Text>Hello {name},</Text>
      <Text>
        {inviterName} created a Latchkey account for you at {companyName}. Choose your password to start signing in:
      </Text>
      <Button
        href={link}
        style={{ backgroundColor: '#4f46e5', color: '#ffffff', borderRadius: 6, padding: '10px 16px', fontWeight: 600 }}
      >
        Set your password
      </Button>
      <Text>Or open this link: {link}</Text>
      <Text style={{ color: '#64748b', fontSize: 13 }}>
        The link works once and expires in {hours} hours. If you did not expect this invitation, ignore this email.
      </Text>
    </EmailLayout>
  );
}
