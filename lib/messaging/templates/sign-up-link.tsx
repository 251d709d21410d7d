import { Button, Text } from '@react-email/components';
import { EmailLayout } from './email-layout';

export type SignUpLinkProps = { name: string; companyName: string; link: string; lifetime: string };

/** The link that creates a new company once its address's owner opens it and confirms. */
export function SignUpLinkEmail({ name, companyName, link, lifetime }: SignUpLinkProps) {
  const heading = 'Confirm your email to create your account';
  return (
    <EmailLayout preview={heading} heading={heading}>
      <Text>Hello {name},</Text>
      <Text>
        To finish creating {companyName} on Latchkey, with you as its administrator, open this link and confirm:
      </Text>
      <Button
        href={link}
        style={{ backgroundColor: '#4f46e5', color: '#ffffff', borderRadius: 6, padding: '10px 16px', fontWeight: 600 }}
      >
        Create my account
      </Button>
      <Text>Or open this link: {link}</Text>
      <Text style={{ color: '#64748b', fontSize: 13 }}>
        The link works once and expires in {lifetime}. If you did not sign up for Latchkey, ignore this email: nothing
        is created unless the link is opened and confirmed.
      </Text>
    </EmailLayout>
  );
}
