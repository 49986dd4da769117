"""Action goals and challenges, events' yield, the opportunity pipeline, the giving ledger."""
