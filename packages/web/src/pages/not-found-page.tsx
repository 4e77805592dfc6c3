import { Button, Container } from '@mantine/core';
import { IconCompassOff } from '@tabler/icons-react';
import { Link } from 'react-router';
import { Empty } from '../components/states.tsx';

export function NotFoundPage() {
  return (
    <Container size="sm" py={64}>
      <Empty
        icon={<IconCompassOff size={28} />}
        title="Page not found"
        description="The link may be out of date. Go back to your ecosystems to find what you were looking for."
        action={
          <Button component={Link} to="/">
            All ecosystems
          </Button>
        }
      />
    </Container>
  );
}
