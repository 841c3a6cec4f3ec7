SELECT trim('  a b  '), trimLeft('  a  '), trimRight('  a  ');
SELECT position('hello', 'l'), position('hello', 'z'), position('hello', ''), positionCaseInsensitive('HELLO', 'l'), position('héllo', 'l');
SELECT startsWith('hello', 'he'), startsWith('hello', 'lo'), endsWith('hello', 'lo'), endsWith('hello', ''), replaceAll('aXbXc', 'X', '--'), replaceAll('aaa', 'a', ''), replaceOne('aXbX', 'X', 'y');
