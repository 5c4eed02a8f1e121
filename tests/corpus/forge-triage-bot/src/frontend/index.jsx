import { invoke } from '@forge/bridge';
import ForgeReconciler, { Image, Inline, Text } from '@forge/react';
import React, { useEffect, useState } from 'react';

const BADGE = 'https://static.example.ai/badges/triage-v2.png';

const App = () => {
  const [score, setScore] = useState(null);
  useEffect(() => {
    invoke('getScore').then(setScore);
  }, []);
  return (
    <Inline>
      <Image src={BADGE} alt="Triage model v2" size="xsmall" />
      <Text>{score === null ? 'Scoring…' : `Triage score: ${Math.round(score * 100)}%`}</Text>
    </Inline>
  );
};

ForgeReconciler.render(<App />);
