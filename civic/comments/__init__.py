"""Comments: threaded debate on proposals, experiments and master-plan sections."""
