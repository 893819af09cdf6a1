import SegCLI

SegnbMain.main()
