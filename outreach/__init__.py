"""Science popularisation (plan section 五): monthly themes and key days, events with photos,
bases and demonstration units, awards for sci-tech workers, learned societies and papers."""
