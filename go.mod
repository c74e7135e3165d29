module quinzaine

go 1.26.8
