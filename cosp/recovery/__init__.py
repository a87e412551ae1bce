"""Asset-recovery statistics: amounts frozen, seized, confiscated and returned, by year and pair of
States, converted to US dollars at stored yearly rates; entry by form and by CSV/XLSX import."""
