"""The opportunity pipeline: dream clients, collaborations, skill swaps, referral requests, jobs."""
